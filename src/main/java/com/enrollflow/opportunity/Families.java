package com.enrollflow.opportunity;

import org.springframework.stereotype.Component;

import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.reference.CampusRepository;

/** The family behind an opportunity, as a mail addresses it: the customer's name and e-mail, the campus's name. */
@Component
public class Families {

    private final OpportunityRepository opportunities;
    private final CustomerRepository customers;
    private final CampusRepository campuses;

    Families(OpportunityRepository opportunities, CustomerRepository customers, CampusRepository campuses) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.campuses = campuses;
    }

    public FamilyContact of(long opportunityId) {
        Opportunity o = opportunities.get(opportunityId);
        Customer c = customers.findById(o.customerId()).orElseThrow();
        String campus = o.campusCode() == null ? "本校区"
                : campuses.findActive(o.campusCode()).map(x -> x.name()).orElse(o.campusCode());
        return new FamilyContact(c.name(), c.email(), campus);
    }
}
