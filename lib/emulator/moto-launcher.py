"""Starts moto_server with the fixes Pyjamas needs on moto 5.2.1.

moto 5.2.1 looks CloudTrail trails up by name only in StartLogging and StopLogging, while the
Terraform AWS provider passes the trail ARN (getmoto/moto#10107, fixed upstream after 5.2.1).

When IAM is enforced (INITIAL_NO_AUTH_ACTION_COUNT), moto 5.2.1 answers a denied call with an
XML error in every service, which the SDK cannot parse for JSON-protocol services (KMS, SSM,
CloudTrail, Config, GuardDuty, the tagging API): the caller sees a deserialization error instead
of AccessDenied. Those services get the JSON AccessDeniedException that AWS sends. moto also
recomputes signatures over the query string as the web server decoded it (`prefix=cases/`), while
SigV4 signs every query key and value percent-encoded (`prefix=cases%2F`), so a signed S3 list with
a prefix is refused as SignatureDoesNotMatch; the query is encoded again before the comparison.

Everything else is stock moto.
"""
import sys
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from moto.cloudtrail import models as cloudtrail_models
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import AccessDeniedError, JsonRESTError
from moto.core.utils import get_service_model
from moto.iam.access_control import IAMRequestBase


def _start_logging(self, name):
    return self.get_trail(name_or_arn=name).start_logging()


def _stop_logging(self, name):
    return self.get_trail(name_or_arn=name).stop_logging()


cloudtrail_models.CloudTrailBackend.start_logging = _start_logging
cloudtrail_models.CloudTrailBackend.stop_logging = _stop_logging

_authorize = ActionAuthenticatorMixin._authenticate_and_authorize_normal_action


def _authorize_in_service_protocol(self, resource="*"):
    try:
        _authorize(self, resource)
    except AccessDeniedError as denied:
        if get_service_model(self.boto3_service_name).protocol not in ("json", "rest-json"):
            raise
        error = JsonRESTError("AccessDeniedException", denied.message)
        error.code = 403
        raise error from None


ActionAuthenticatorMixin._authenticate_and_authorize_normal_action = _authorize_in_service_protocol

_create_aws_request = IAMRequestBase._create_aws_request


def _create_aws_request_with_encoded_query(self):
    request = _create_aws_request(self)
    parts = urlsplit(request.url)
    if parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in pairs)
        request.url = urlunsplit(parts._replace(query=query))
    return request


IAMRequestBase._create_aws_request = _create_aws_request_with_encoded_query

from moto.server import main  # noqa: E402  (import after the patch on purpose)

sys.exit(main(sys.argv[1:]))
