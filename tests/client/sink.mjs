// An SMTP sink on loopback for the TypeScript client check: every message the server sends
// is parsed and appended to $BASMA_MAILBOX as one JSON line {to, subject, text}, so the flow
// can read the verification link the way a user would. Listens on $BASMA_SMTP_PORT.
import { appendFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

const mailbox = process.env.BASMA_MAILBOX;
const port = Number(process.env.BASMA_SMTP_PORT);
if (!mailbox || !Number.isInteger(port)) {
  console.error("sink.mjs needs BASMA_MAILBOX and BASMA_SMTP_PORT");
  process.exit(2);
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        appendFileSync(mailbox, JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "" }) + "\n");
        callback();
      })
      .catch((err) => callback(err));
  },
});
server.listen(port, "127.0.0.1", () => console.log(`smtp sink on 127.0.0.1:${port}`));
