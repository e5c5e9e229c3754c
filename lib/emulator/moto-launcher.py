"""Starts moto_server with the fixes Pyjamas needs on moto 5.2.1.

moto 5.2.1 looks CloudTrail trails up by name only in StartLogging and StopLogging, while the
Terraform AWS provider passes the trail ARN (getmoto/moto#10107, fixed upstream after 5.2.1).
Everything else is stock moto.
"""
import sys

from moto.cloudtrail import models as cloudtrail_models


def _start_logging(self, name):
    return self.get_trail(name_or_arn=name).start_logging()


def _stop_logging(self, name):
    return self.get_trail(name_or_arn=name).stop_logging()


cloudtrail_models.CloudTrailBackend.start_logging = _start_logging
cloudtrail_models.CloudTrailBackend.stop_logging = _stop_logging

from moto.server import main  # noqa: E402  (import after the patch on purpose)

sys.exit(main(sys.argv[1:]))
