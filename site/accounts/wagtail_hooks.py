from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.models import ConsentRecord
from accounts.viewsets import ConsentRecordViewSet, ViewOnlyPermissionPolicy

# Registered before the viewset, which would otherwise make Wagtail's default policy (superusers may do anything).
register_permission_policy(ConsentRecord, ViewOnlyPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_records():
    return ConsentRecordViewSet()
