"""A real SMTP server for envmon's tests: Debian's python3-aiosmtpd on a loopback port.

Run by io.envmon.testkit.SmtpServer with the system python (/usr/bin/python3). Like `python3 -m aiosmtpd -n -l
127.0.0.1:PORT`, plus what that command line cannot set: AUTH (PLAIN, LOGIN) against one user, STARTTLS or TLS from
the first byte, and a mailbox folder the Java side reads: every message is written as N.eml (the bytes received) and
N.json (envelope, AUTH login, TLS, and the headers and text/plain body decoded by Python's email package).
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "authLogin": session.auth_data if isinstance(session.auth_data, str) else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None,
            "subject": str(message["subject"] or ""),
            "from": str(message["from"] or ""),
            "to": str(message["to"] or ""),
            "headers": {k: str(v) for k, v in message.items()},
            "text": body.get_content() if body is not None else "",
        }
        name = os.path.join(self.folder, "%06d" % self.count)
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        # written under a temporary name, then renamed: the reader never sees half a file
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name + ".json")
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mailbox", required=True)
    p.add_argument("--security", choices=["none", "starttls", "tls"], default="none")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    context = None
    if a.security != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user
              and auth_data.password.decode() == a.password)
        return AuthResult(success=ok, handled=False, auth_data=a.user if ok else None)

    recorder = Recorder(a.mailbox)
    kwargs = {"hostname": "localhost"}
    if a.user:
        kwargs.update(authenticator=authenticator, auth_required=True,
                      # over TLS from the first byte aiosmtpd does not know the session is encrypted
                      auth_require_tls=a.security == "starttls")
    if a.security == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(recorder, **kwargs), host="127.0.0.1", port=a.port,
        ssl=context if a.security == "tls" else None))
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    print("listening on 127.0.0.1:%d (%s%s)" % (a.port, a.security, ", AUTH " + a.user if a.user else ""), flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
