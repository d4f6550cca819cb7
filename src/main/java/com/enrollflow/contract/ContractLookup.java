package com.enrollflow.contract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.reference.CampusScope;

/**
 * The contract a request is about, as staff give it: its id (an API client), or typed into a form — its number
 * (BJ-HD-2026-00001) or the family's phone, which must then lead to exactly one contract in force. Only contracts of
 * the caller's campuses are found; another campus's answers as an unknown one does. Used by every after-sales request
 * (退费, 停课), so that one typed contract means the same everywhere.
 */
@Service
public class ContractLookup {

    private static final Pattern CONTRACT_NUMBER = Pattern.compile("[A-Z]{2}-[A-Z]{2}-\\d{4}-\\d{5}");

    private final ContractService contracts;
    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final CampusScope scope;

    ContractLookup(ContractService contracts, CustomerRepository customers, PhoneNumbers phones, CampusScope scope) {
        this.contracts = contracts;
        this.customers = customers;
        this.phones = phones;
        this.scope = scope;
    }

    /**
     * The visible contract staff typed in a start form's field {@code contract} (its number or the family's phone):
     * as {@link #visible}, but an unknown or another campus's contract is a problem of that field too, refused
     * together with the form's other fields; null then.
     */
    public Contract typed(String typed, InputRules rules) {
        try {
            return visible(null, typed, rules);
        } catch (NotFoundException unknown) {
            rules.problem("contract", unknown.getMessage());
            return null;
        }
    }

    /** The contract of this id in the caller's campuses; else 404, alike for an unknown id and another campus's. */
    public Contract visible(long contractId) {
        return visibleContract(contracts.find(contractId), String.valueOf(contractId));
    }

    /**
     * The visible contract of {@code contractId} or, without one, of {@code typed}. A missing or unreadable value is
     * a problem of the field {@code contractId} or {@code contract} in {@code rules} (and null is returned); a
     * contract outside the caller's campuses, or a phone without a contract in force there, is a
     * {@link NotFoundException} (404).
     */
    public Contract visible(Long contractId, String typed, InputRules rules) {
        if (contractId != null) {
            return visible(contractId);
        }
        if (typed == null || typed.isBlank()) {
            rules.problem("contractId", "必填：合同（contractId，或合同编号如 BJ-HD-2026-00001，或家长手机号）");
            return null;
        }
        String text = rules.optional("contract", typed, 40);
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase();
        if (CONTRACT_NUMBER.matcher(upper).matches()) {
            return visibleContract(contracts.byNumber(upper), upper);
        }
        Optional<String> phone = phones.normalise(text);
        if (phone.isEmpty()) {
            rules.problem("contract", "“" + InputRules.abbreviate(text) + "”既不是合同编号（如 BJ-HD-2026-00001）也不是手机号");
            return null;
        }
        List<Contract> inForce = customers.findByPhone(phone.get()).map(c -> contracts.forCustomer(c.id()))
                .orElse(List.of()).stream()
                .filter(c -> scope.current().seesCampus(c.campusCode()))
                .filter(Contract::inForce).toList();
        if (inForce.isEmpty()) {
            throw new NotFoundException("您负责的校区中，手机号 " + phones.display(phone.get()) + " 的客户没有有效合同");
        }
        if (inForce.size() > 1) {
            rules.problem("contract", "该客户有 " + inForce.size() + " 份有效合同（"
                    + inForce.stream().map(Contract::number).collect(Collectors.joining("、")) + "），请填写合同编号");
            return null;
        }
        return inForce.get(0);
    }

    private Contract visibleContract(Optional<Contract> found, String typed) {
        return found.filter(c -> scope.current().seesCampus(c.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有合同 " + InputRules.abbreviate(typed)));
    }
}
