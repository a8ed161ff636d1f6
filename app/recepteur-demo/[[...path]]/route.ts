/** The built-in demo receiver of test callbacks (logic and URL scheme: lib/callbacks/receiver.ts). */
import { handleDemoReceiver } from "@/lib/callbacks/receiver";

export const dynamic = "force-dynamic";

export { handleDemoReceiver as GET, handleDemoReceiver as POST, handleDemoReceiver as PUT, handleDemoReceiver as PATCH, handleDemoReceiver as DELETE };
