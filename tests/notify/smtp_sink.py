#!/usr/bin/python3
"""A real SMTP server for the notification tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py PORT DIR [--delay-ms N]

Listens on 127.0.0.1:PORT and, for every message received, writes DIR/<n>.eml
(the bytes as received) and DIR/<n>.json with what Python's own e-mail parser
makes of it: the decoded Subject, the decoded body, the headers and any
defects it found. The test thus checks our encoding with an independent
decoder. With --delay-ms the server writes the files first and then waits
before answering 250, which widens the window in which a sender can be killed
after the message arrived but before it heard that it did.

Creates DIR/ready once listening; stops cleanly on SIGTERM.
"""
import asyncio
import email
import email.policy
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, delay_ms):
        self.directory = directory
        self.delay = delay_ms / 1000.0
        # A restarted sink on the same folder numbers on after the last message.
        self.count = len([f for f in os.listdir(directory) if f.endswith(".eml")])
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(msg["subject"]) if msg["subject"] is not None else None,
            "from": str(msg["from"]) if msg["from"] is not None else None,
            "to": str(msg["to"]) if msg["to"] is not None else None,
            "message_id": msg["message-id"],
            "date": msg["date"],
            "headers": {k: str(v) for k, v in msg.items()},
            "body": body.get_content() if body is not None else None,
            "defects": [type(d).__name__ for d in msg.defects]
            + [type(d).__name__ for _, v in msg.items() for d in getattr(v, "defects", ())],
        }
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.directory, "%04d" % n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        # The .json appears last and whole: a reader never sees half a record.
        os.rename(base + ".eml.tmp", base + ".eml")
        os.rename(base + ".json.tmp", base + ".json")
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    delay_ms = 0
    if len(sys.argv) > 4 and sys.argv[3] == "--delay-ms":
        delay_ms = int(sys.argv[4])
    os.makedirs(directory, exist_ok=True)
    # Block the stop signals before the server thread starts (threads inherit
    # the mask) and take them synchronously in the main thread: a signal that
    # the kernel hands to the server thread would otherwise leave the main
    # thread asleep for ever.
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    controller = Controller(Sink(directory, delay_ms), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(directory, "ready"), "w") as f:
        f.write(str(os.getpid()))
    signal.sigwait(stop_signals)
    controller.stop()
    os.remove(os.path.join(directory, "ready"))


if __name__ == "__main__":
    main()
