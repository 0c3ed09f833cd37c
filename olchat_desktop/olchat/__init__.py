"""OLChat WhatsApp REST client (no Qt): see :mod:`olchat_desktop.olchat.client`."""

from olchat_desktop.olchat.client import OLCHAT_BASE_URL, OlchatClient, split_webhook_url
from olchat_desktop.olchat.errors import (
    ApiError,
    EndpointNotFoundError,
    InvalidPhoneError,
    InvalidTokenError,
    LineNotConnectedError,
    NetworkError,
    NotPaidError,
    NoWhatsAppError,
    OlchatError,
    ProtocolError,
    RateLimitError,
    RequestTimeoutError,
)
from olchat_desktop.olchat.limiter import SlidingWindowLimiter
from olchat_desktop.olchat.models import LineStatus, MessageStatus, PhoneCheck, SentMessage
from olchat_desktop.olchat.phone import normalise_phone

__all__ = [
    "OLCHAT_BASE_URL",
    "ApiError",
    "EndpointNotFoundError",
    "InvalidPhoneError",
    "InvalidTokenError",
    "LineNotConnectedError",
    "LineStatus",
    "MessageStatus",
    "NetworkError",
    "NoWhatsAppError",
    "NotPaidError",
    "OlchatClient",
    "OlchatError",
    "PhoneCheck",
    "ProtocolError",
    "RateLimitError",
    "RequestTimeoutError",
    "SentMessage",
    "SlidingWindowLimiter",
    "normalise_phone",
    "split_webhook_url",
]
