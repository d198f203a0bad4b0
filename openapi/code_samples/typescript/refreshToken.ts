import { createRcsClient } from "wwt-rcs";

// A client built with `apiKey` renews its JWT by itself; one
// built with a `token` of yours does not. Renew that token
// before its `exp` and build a client with the new one.
const token = process.env.WWT_TOKEN!;
const rcs = createRcsClient({ token });

const { data, error, response } = await rcs.api.POST(
  "/api/auth/refresh",
  { headers: { Authorization: `Bearer ${token}` } },
);
// 401: the token has expired; log in again.
if (error) throw new Error(`refresh: HTTP ${response.status}`);
const renewed = createRcsClient({ token: data.bearer });
