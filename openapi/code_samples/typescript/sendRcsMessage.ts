import { createRcsClient, WwtRequestValidationError } from "wwt-rcs";

// Logs in with the API key and renews the JWT by itself.
// With `retry`, a send that carries phone.reference_id is
// repeated after a network failure: the platform refuses a
// second message with the same reference_id.
const rcs = createRcsClient({
  apiKey: process.env.WWT_API_KEY!,
  retry: true,
});

try {
  const message = await rcs.sendRcsMessage({
    phone: {
      number: "380661231231",
      reference_id: "order10452shipped",
    },
    sender: "Acme Shop",
    options: {
      cards: [
        {
          title: "Your order is on its way",
          text: "Order 10452 should arrive on Thursday.",
          media: {
            url: "https://shop.example.com/img/parcel.png",
          },
          suggestions: [
            {
              text: "Track parcel",
              url: "https://shop.example.com/track/10452",
            },
          ],
        },
      ],
    },
    validity: 24,
    alternative_channel: {
      sms: {
        text: "Acme Shop: order 10452 arrives Thursday.",
        sender: "AcmeShop",
      },
    },
    callback_url: "https://hooks.example.com/wwt/rcs",
  });
  console.log(`message ${message.id}: ${message.status}`);
} catch (error) {
  // The body broke the API's rules; nothing was sent.
  if (!(error instanceof WwtRequestValidationError)) throw error;
  console.error(error.issues);
}
