"""Serializers of the events API: shapes only; services decide."""

from rest_framework import serializers

from kimportal.core.api import ModelSerializer

from .models import Certificate, Event, Invitation


class EventSerializer(ModelSerializer):
    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "theme",
            "description",
            "sessions",
            "held_by",
            "office_name",
            "venue_address",
            "venue_link",
            "starts_on",
            "ends_on",
            "status",
        ]
        read_only_fields = fields


class InvitationSerializer(ModelSerializer):
    days_present = serializers.IntegerField(read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "kim", "name", "role", "rsvp", "rsvp_at", "days_present"]
        read_only_fields = fields


class InviteInputSerializer(serializers.Serializer):
    kims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=2000
    )


class InviteResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()


class CheckInInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32)
    scanned_at = serializers.DateTimeField(required=False)


class CheckInResultSerializer(serializers.Serializer):
    created = serializers.BooleanField()
    invitation = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    day = serializers.DateField()
    checked_in_at = serializers.DateTimeField()


class CertificateSerializer(ModelSerializer):
    valid = serializers.BooleanField(source="is_valid", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "event",
            "number",
            "holder_name",
            "role",
            "event_title",
            "event_dates",
            "office_name",
            "issued_at",
            "valid",
            "revoked_at",
        ]
        read_only_fields = fields


class CertificateVerificationSerializer(serializers.Serializer):
    """What the public may know of a certificate: nothing beyond this."""

    name = serializers.CharField(source="holder_name")
    event = serializers.CharField(source="event_title")
    dates = serializers.CharField(source="event_dates")
    office = serializers.CharField(source="office_name")
    valid = serializers.BooleanField(source="is_valid")
