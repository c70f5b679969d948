"""The stock Django admin over the KIM, as the reference our pages are measured against:
a changelist of 25 rows a page with a status filter, a media filter and a search, and the
read-only change page. Registered on its own AdminSite, mounted only by bench/_urls.py,
and limited to the same rows as our pages by the scoping rule."""

from django.contrib import admin

from kimportal.core.scoping import scoped
from registry.choices import MediaType
from registry.models import Kim


class BenchAdminSite(admin.AdminSite):
    site_header = "KIM bench reference"

    def has_permission(self, request):
        # Every logged-in user, so each of our users has a reference on their own rows.
        return request.user.is_active and request.user.is_authenticated


site = BenchAdminSite(name="bench_admin")


class MediaFilter(admin.SimpleListFilter):
    title = "media"
    parameter_name = "media"

    def lookups(self, request, model_admin):
        return MediaType.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(media_types__contains=[value]) if value else queryset


@admin.register(Kim, site=site)
class KimReferenceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "nik",
        "kim_type",
        "village__name",
        "village__parent__name",
        "status",
    )
    list_filter = ("status", MediaFilter)
    list_select_related = ("village__parent",)
    search_fields = ("name", "^nik")
    list_per_page = 25
    ordering = ("name", "id")

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def has_module_permission(self, request):
        return True

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
