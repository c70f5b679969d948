from rest_framework import serializers

from .models import SecurityEvent


class SecurityEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SecurityEvent
        fields = [
            "id",
            "kind",
            "created_at",
            "user",
            "username",
            "office",
            "client_address",
            "method",
            "path",
            "detail",
        ]
        read_only_fields = fields
