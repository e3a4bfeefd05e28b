import os
import sys

token = os.environ.get("API_TOKEN")
if not token:
    print("API_TOKEN is not set; pass it with docker run -e API_TOKEN", file=sys.stderr)
    sys.exit(1)
print("service started")
