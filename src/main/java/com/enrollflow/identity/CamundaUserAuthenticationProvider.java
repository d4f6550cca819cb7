package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * /api users are the Camunda users: one password, one set of groups and campus memberships (tenants), managed in
 * Camunda Admin.
 */
@Component
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaUserAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("用户名或密码错误");
        }
        // unlimitedList: a user's groups and tenants are few, and queryMaxResultsLimit is for callers of the REST API
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        identity.createGroupQuery().groupMember(user).unlimitedList()
                .forEach(g -> authorities.add(new SimpleGrantedAuthority(g.getId())));
        // campus scope (校区数据范围): the tenants of the user and of their groups, read once per request
        identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).unlimitedList().forEach(t -> authorities
                .add(new SimpleGrantedAuthority(CamundaCampusScope.TENANT_AUTHORITY + t.getId())));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
