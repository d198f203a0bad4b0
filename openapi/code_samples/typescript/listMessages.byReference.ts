import { createRcsClient } from "wwt-rcs";

// The client logs in, and renews its token, itself.
const apiKey = process.env.WWT_API_KEY!;
const rcs = createRcsClient({ apiKey });

const { data, meta } = await rcs.listMessages({
  filter: { reference_id: "otp20261201x7" },
});
for (const message of data) console.log(message.id, message.status);
console.log(`${meta.page.total} found`);
