// A TypeScript user's file, type-checked against the installed package under each
// moduleResolution. The @ts-expect-error lines fail the check if the package's types stop
// resolving (everything would be `any`) or stop catching a bad body.
import {
  createRcsCallbackHandler,
  createRcsClient,
  WwtError,
  type RcsCampaign,
  type RcsMessage,
  type SendRcsMessageRequest,
} from "wwt-rcs";

const rcs = createRcsClient({ apiKey: "test_consumer", baseUrl: "http://127.0.0.1:4010" });
const body: SendRcsMessageRequest = { phone: { number: "380501234567" }, sender: "Acme Shop", options: { text: "Hi!" } };

export async function send(): Promise<[RcsMessage, RcsCampaign]> {
  try {
    // @ts-expect-error a message needs a sender
    await rcs.sendRcsMessage({ phone: { number: "380501234567" }, options: { text: "Hi!" } });
  } catch (error) {
    if (!(error instanceof WwtError)) throw error;
  }
  const message = await rcs.sendRcsMessage(body);
  const campaign = await rcs.sendRcsCampaignToGroups({ groups: [1204], sender: "Acme Shop", options: { text: "Hi!" } });
  // @ts-expect-error a message id is a number
  const id: string = message.id;
  return [{ ...message, reference_id: id }, campaign];
}

export const handleCallback: (request: Request) => Promise<Response> = createRcsCallbackHandler({
  onStatus: (report) => console.log(String(report.id), report.status),
  onClick: (click) => console.log(click.text),
});
