"""Forward CloudTrail log files from S3 to attest, unchanged.

An AWS Lambda handler for the bucket's s3:ObjectCreated:* notification,
filtered to the prefix AWSLogs/ and the suffix .json.gz. Each log file is
posted as it is stored (gzip), which /api/v1/ingest/cloudtrail reads as is.
Environment: ATTEST_URL (https://attest.example:8443/api/v1/ingest/cloudtrail)
and ATTEST_TOKEN (an ingest token; better read from Secrets Manager).
The function's role needs s3:GetObject on the bucket (and kms:Decrypt on
the trail's key when the trail is encrypted with SSE-KMS).
"""

import os
import urllib.parse
import urllib.request

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        if "/CloudTrail-Digest/" in key:
            continue  # digest files sign log files; they hold no events
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        req = urllib.request.Request(
            os.environ["ATTEST_URL"],
            data=body,
            method="POST",
            headers={
                "Authorization": "Bearer " + os.environ["ATTEST_TOKEN"],
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
            },
        )
        # A refused or failed post raises, so Lambda retries the file and
        # finally sends the event to the function's failure destination.
        with urllib.request.urlopen(req, timeout=60) as resp:
            resp.read()
