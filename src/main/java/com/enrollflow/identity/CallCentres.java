package com.enrollflow.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The call centres (呼叫中心) that receive leads before their campus is known, each a Camunda tenant whose members
 * see those leads; the first is the default intake for leads received by someone who works in none
 * ({@code enrollflow.scope.call-centres}).
 */
@ConfigurationProperties("enrollflow.scope")
record CallCentres(List<CallCentre> callCentres) {

    record CallCentre(String id, String name) {
    }

    CallCentres {
        if (callCentres == null || callCentres.isEmpty()) {
            callCentres = List.of(new CallCentre("HQCC", "总部呼叫中心"));
        }
        for (CallCentre c : callCentres) {
            if (c.id() == null || !c.id().matches("[A-Za-z0-9]+")) {
                throw new IllegalStateException("enrollflow.scope.call-centres: id “" + c.id()
                        + "” must be letters and digits (it is a Camunda tenant id)");
            }
        }
        callCentres = List.copyOf(callCentres);
    }

    List<CallCentre> all() {
        return callCentres;
    }

    CallCentre defaultCentre() {
        return callCentres.get(0);
    }
}
