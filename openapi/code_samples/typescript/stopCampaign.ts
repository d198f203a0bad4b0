import { createRcsClient } from "wwt-rcs";

// The client logs in, and renews its token, itself.
const apiKey = process.env.WWT_API_KEY!;
const rcs = createRcsClient({ apiKey });

const campaign = await rcs.stopCampaign(56022);
console.log(campaign.id, campaign.status);
