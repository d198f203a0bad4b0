import { createRcsClient } from "wwt-rcs";

// createRcsClient({ apiKey }) logs in by itself before its
// first send. To hold the JWT yourself, call login through
// `api`, the typed openapi-fetch client it exposes.
const apiKey = process.env.WWT_API_KEY!;
const rcs = createRcsClient({ apiKey });

const { data, error, response } = await rcs.api.POST(
  "/api/auth/login",
  { body: { api_key: apiKey } },
);
if (error) throw new Error(`login: HTTP ${response.status}`);
const token: string = data.bearer;
