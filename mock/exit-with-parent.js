// Loaded with `node --import` into the Prism process the mock starts: Prism ends when the
// mock that started it ends, even when that one was killed with SIGKILL and could not stop it.
import { whenOrphaned } from "./orphan.js";

whenOrphaned(() => process.exit(0), Number(process.env.WWT_RCS_MOCK_PARENT));
