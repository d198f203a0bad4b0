import { createRcsClient } from "wwt-rcs";

// The client logs in, and renews its token, itself.
const apiKey = process.env.WWT_API_KEY!;
const rcs = createRcsClient({ apiKey });

// iterateMessages asks for one page after another until none is left.
const messages = rcs.iterateMessages({
  filter: { campaign_id: 56024 },
});
for await (const message of messages) {
  console.log(message.id, message.phone, message.status);
}
