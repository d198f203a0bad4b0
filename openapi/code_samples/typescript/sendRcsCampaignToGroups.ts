import { createRcsClient } from "wwt-rcs";

const apiKey = process.env.WWT_API_KEY!;
const rcs = createRcsClient({ apiKey });

// A carousel of two cards for every contact of two
// contact-book lists, scheduled for a later date.
const campaign = await rcs.sendRcsCampaignToGroups({
  groups: [1204, 1377],
  sender: "Acme Shop",
  options: {
    cards: [
      {
        title: "Coats",
        text: "Up to 40% off coats until Sunday.",
        media: { url: "https://shop.example.com/coats.png" },
      },
      {
        title: "Boots",
        text: "Up to 30% off boots until Sunday.",
        media: { url: "https://shop.example.com/boots.png" },
      },
    ],
  },
  start_at: "2026-12-10 10:00:00",
  validity: 12,
});
console.log(`campaign ${campaign.id}: ${campaign.status}`);
