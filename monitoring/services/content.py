"""Content items: one row per post (or web page), however often it is reported."""

from django.db import IntegrityError, transaction

from ..evidence import ParsedLink
from ..models import ContentItem


def content_item_for(*, parsed: ParsedLink, kim) -> ContentItem:
    """The content item of a parsed link, created on first sight (attributed to the
    KIM that reported it first). Safe when two reports of the same post race."""
    item = ContentItem.objects.filter(
        platform=parsed.platform, platform_id=parsed.platform_id
    ).first()
    if item is not None:
        return item
    try:
        with transaction.atomic():
            return ContentItem.objects.create(
                platform=parsed.platform,
                platform_id=parsed.platform_id,
                url=parsed.url,
                kim=kim,
            )
    except IntegrityError:
        return ContentItem.objects.get(
            platform=parsed.platform, platform_id=parsed.platform_id
        )
