# $WWT_TOKEN holds a JWT from login.
curl https://one-api.wwt.world/api/campaigns/rcs/send-groups \
  -H "Authorization: Bearer $WWT_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "groups": [1204, 1377],
  "sender": "Acme Shop",
  "options": {
    "cards": [
      {
        "title": "Coats",
        "text": "Up to 40% off coats until Sunday.",
        "media": { "url": "https://shop.example.com/coats.png" }
      },
      {
        "title": "Boots",
        "text": "Up to 30% off boots until Sunday.",
        "media": { "url": "https://shop.example.com/boots.png" }
      }
    ]
  },
  "start_at": "2026-12-10 10:00:00",
  "validity": 12
}'
