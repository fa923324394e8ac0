"""A local SMTP server for flowrun's email tests, on aiosmtpd (a real SMTP implementation).

It listens on 127.0.0.1 on a free port, offers STARTTLS with the given certificate, requires it
before AUTH (PLAIN and LOGIN, one fixed account), and saves each accepted message to
DIR/message-N.json (envelope and data) before answering the DATA command, so a client that got
its 250 finds the file. Recipients whose address starts with "refuse" get a 550. The port is
written to DIR/port once the server listens.

usage: smtp_test_server.py DIR CERT KEY USERNAME PASSWORD
"""

import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class SavingHandler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
        }
        path = os.path.join(self.directory, "message-%d.json" % self.count)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def authenticator(username, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == username.encode()
            and auth_data.password == password.encode()
        )
        # handled=False: aiosmtpd then answers 535 itself (by default it would stay silent).
        return AuthResult(success=ok, handled=False)

    return check


async def main():
    directory, cert, key, username, password = sys.argv[1:6]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = SavingHandler(directory)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="localhost",
            tls_context=context,
            require_starttls=True,
            authenticator=authenticator(username, password),
            auth_required=True,
            auth_require_tls=True,
        ),
        host="127.0.0.1",
        port=0,
    )
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(directory, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
    # Stop when the test process that started us goes away (stdin closes).
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    server.close()


asyncio.run(main())
