"""A TuneScout client as its users write them (Python requests, multipart field `file`).

  python3 tunescout_client.py <base-url> fingerprint <token> <file>...
  python3 tunescout_client.py <base-url> recognize <file> [<start> <duration>]
  python3 tunescout_client.py <base-url> fetch <result-token>

Prints one JSON line per request: {"status": <http status>, "body": <json body>}.
"""
import json
import mimetypes
import sys

import requests


def show(response):
    print(json.dumps({"status": response.status_code, "body": response.json()}), flush=True)


def post_file(url, path, headers=None, data=None):
    mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    with open(path, "rb") as f:
        files = {"file": (path.rsplit("/", 1)[-1], f, mime_type)}
        return requests.post(url, headers=headers or {}, files=files, data=data or {}, timeout=120)


def main(base, command, *args):
    if command == "fingerprint":
        token, paths = args[0], args[1:]
        header = {"Authorization": f"Bearer {token}"}
        for path in paths:
            show(post_file(f"{base}/api/fingerprint", path, headers=header))
    elif command == "recognize":
        path = args[0]
        data = {"start": args[1], "duration": args[2]} if len(args) == 3 else None
        show(post_file(f"{base}/api/recognize", path, data=data))
    elif command == "fetch":
        show(requests.get(f"{base}/api/fetch/{args[0]}", timeout=30))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
