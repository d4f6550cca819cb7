package com.enrollflow.identity;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;
import com.enrollflow.reference.StaffRole;

/**
 * Campus scope from Camunda tenant memberships: one tenant per campus and per call centre, users (or groups such
 * as 总部 headOffice) are members of the tenants they work for. The same memberships make the engine filter tasks,
 * instances and history in Tasklist, Cockpit and the engine REST API, so /api and the engine agree.
 *
 * <p>Who is acting: the /api caller (Spring Security, tenants resolved once at login as {@code tenant:} authorities),
 * else the engine's authenticated user (a task completed through /engine-rest or the webapps), else the system (a job),
 * which sees everything.
 */
@Component
class CamundaCampusScope implements CampusScope {

    static final String TENANT_AUTHORITY = "tenant:";

    private final IdentityService identity;
    private final CampusRepository campuses;
    private final CallCentres callCentres;
    private final SystemLookups system;

    CamundaCampusScope(IdentityService identity, CampusRepository campuses, CallCentres callCentres,
            SystemLookups system) {
        this.system = system;
        this.identity = identity;
        this.campuses = campuses;
        this.callCentres = callCentres;
    }

    @Override
    public Scope current() {
        var web = SecurityContextHolder.getContext().getAuthentication();
        if (web != null && web.isAuthenticated() && !(web.getPrincipal() instanceof String anonymous
                && "anonymousUser".equals(anonymous))) {
            Set<String> groups = new HashSet<>();
            Set<String> tenants = new HashSet<>();
            for (GrantedAuthority a : web.getAuthorities()) {
                String name = a.getAuthority();
                if (name.startsWith(TENANT_AUTHORITY)) {
                    tenants.add(name.substring(TENANT_AUTHORITY.length()));
                } else {
                    groups.add(name);
                }
            }
            return scopeOf(groups, tenants);
        }
        Authentication engine = identity.getCurrentAuthentication();
        if (engine != null && engine.getUserId() != null) {
            List<String> groups = engine.getGroupIds() != null ? engine.getGroupIds() : List.of();
            // the REST API and the webapps authenticate with the tenants; a bare setAuthentication(user, groups) not
            List<String> tenants = engine.getTenantIds() != null && !engine.getTenantIds().isEmpty()
                    ? engine.getTenantIds() : tenantsOf(engine.getUserId());
            return scopeOf(groups, tenants);
        }
        return Scope.everything();
    }

    @Override
    public String intakeCallCentre(String userId) {
        if (userId != null) {
            Set<String> own = new HashSet<>(tenantsOf(userId));
            for (CallCentres.CallCentre centre : callCentres.all()) {
                if (own.contains(centre.id())) {
                    return centre.id();
                }
            }
        }
        return callCentres.defaultCentre().id();
    }

    /** Tenant ids of the user, directly or through a group (the engine's own rule for its tenant check). */
    List<String> tenantsOf(String userId) {
        return system.unrestricted(() -> identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList());
    }

    private Scope scopeOf(Collection<String> groups, Collection<String> tenants) {
        if (groups.contains(StaffRole.ADMIN_GROUP)) {
            return Scope.everything();
        }
        Set<String> visibleCampuses = new HashSet<>();
        for (Campus campus : campuses.findActive()) {
            if (tenants.contains(campus.tenantId())) {
                visibleCampuses.add(campus.code());
            }
        }
        Set<String> visibleCentres = new HashSet<>();
        for (CallCentres.CallCentre centre : callCentres.all()) {
            if (tenants.contains(centre.id())) {
                visibleCentres.add(centre.id());
            }
        }
        return new Scope(false, visibleCampuses, visibleCentres);
    }
}
