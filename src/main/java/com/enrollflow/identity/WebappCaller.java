package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The user of a webapp plugin's request (Cockpit's 经营看板, Tasklist's 导入线索): the engine's authentication, which
 * Camunda's webapps set for each request of a logged-in session. Camunda lets every logged-in user reach a plugin's
 * resource, so the plugin checks the role from {@link #groups()}.
 */
@Component
public class WebappCaller {

    private final IdentityService identity;
    private final CamundaCampusScope scope;

    WebappCaller(IdentityService identity, CamundaCampusScope scope) {
        this.identity = identity;
        this.scope = scope;
    }

    /** The webapp user's id; null without one. */
    public String id() {
        Authentication caller = identity.getCurrentAuthentication();
        return caller == null ? null : caller.getUserId();
    }

    /** The webapp user's groups; none without a user. */
    public List<String> groups() {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null || caller.getGroupIds() == null) {
            return List.of();
        }
        return caller.getGroupIds();
    }

    /**
     * The plugin's request served as the same user's /api request: the application's services then act as they do
     * for /api (the engine works for the service, which checked the role; the campus scope is the user's), instead of
     * under the engine's authorization checks of the webapp user, which grant staff only their tasks (a marketing user
     * may not start 报名签约 in the engine, though the lead intake does it for them). The caller's role is the plugin's
     * to check first. The webapp's engine authentication is restored afterwards, whatever happens.
     */
    public <T> T asApiCaller(Supplier<T> work) {
        Authentication webapp = identity.getCurrentAuthentication();
        if (webapp == null || webapp.getUserId() == null) {
            throw new IllegalStateException("no webapp user to act for");
        }
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        if (webapp.getGroupIds() != null) {
            webapp.getGroupIds().forEach(g -> authorities.add(new SimpleGrantedAuthority(g)));
        }
        List<String> tenants = webapp.getTenantIds() != null && !webapp.getTenantIds().isEmpty()
                ? webapp.getTenantIds() : scope.tenantsOf(webapp.getUserId());
        tenants.forEach(t -> authorities.add(new SimpleGrantedAuthority(CamundaCampusScope.TENANT_AUTHORITY + t)));
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext asApi = SecurityContextHolder.createEmptyContext();
        asApi.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(webapp.getUserId(), null,
                authorities));
        identity.clearAuthentication();
        SecurityContextHolder.setContext(asApi);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
            identity.setAuthentication(webapp);
        }
    }
}
