# $WWT_TOKEN holds a JWT from login.
curl https://one-api.wwt.world/api/messages/rcs/send \
  -H "Authorization: Bearer $WWT_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "phone": {
    "number": "380661231231",
    "reference_id": "order10452shipped"
  },
  "sender": "Acme Shop",
  "options": {
    "cards": [{
      "title": "Your order is on its way",
      "text": "Order 10452 should arrive on Thursday.",
      "media": {
        "url": "https://shop.example.com/img/parcel.png"
      },
      "suggestions": [{
        "text": "Track parcel",
        "url": "https://shop.example.com/track/10452"
      }]
    }]
  },
  "validity": 24,
  "alternative_channel": {
    "sms": {
      "text": "Acme Shop: order 10452 arrives Thursday.",
      "sender": "AcmeShop"
    }
  },
  "callback_url": "https://hooks.example.com/wwt/rcs"
}'
