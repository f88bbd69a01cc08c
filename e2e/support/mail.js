// The mail the app sent during the run, as the side services' mail catcher keeps it:
// one .eml file per message under E2E_MAIL_DIR (set by support/servers.js).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');

// Python's email package decodes every part (quoted-printable, base64) the way a mail reader does.
const READ = `
import json, sys
from email import message_from_bytes, policy
out = []
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        msg = message_from_bytes(f.read(), policy=policy.default)
    texts = [part.get_content() for part in msg.walk()
             if part.get_content_type() in ("text/plain", "text/html")]
    out.append({"file": name, "to": str(msg["To"] or ""), "subject": str(msg["Subject"] or ""),
                "text": "\\n".join(texts)})
print(json.dumps(out))
`;

/** Every caught message so far: `[{file, to, subject, text}]`, oldest first. */
export function caughtMail() {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the suite through its global setup');
  let names;
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  if (!names.length) return [];
  const files = names.sort().map((name) => path.join(dir, name));
  return JSON.parse(execFileSync(PYTHON, ['-c', READ, ...files], { encoding: 'utf8' }));
}

/** Waits for a message to `to` whose subject matches; resolves with it. */
export async function waitForMail(to, subject = /./, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = caughtMail().find(
      (mail) => mail.to.toLowerCase().includes(to.toLowerCase()) && subject.test(mail.subject),
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs / 1000} s`);
}

/** The first link in the message whose path starts with `pathPrefix`, e.g. "/reset-password". */
export function linkIn(mail, pathPrefix) {
  const escaped = pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`https?://[^\\s"'<>]*${escaped}[^\\s"'<>]*`).exec(mail.text);
  if (!match) throw new Error(`no ${pathPrefix} link in "${mail.subject}"`);
  return match[0].replace(/&amp;/g, '&');
}
