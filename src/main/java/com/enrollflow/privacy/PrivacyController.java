package com.enrollflow.privacy;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.reference.CampusScope;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The customer's deletion request (删除请求) and its audit record, for staff of the customer's campus: the customer
 * is resolved within the caller's campus scope first, then the service erases by id.
 */
@RestController
@RequestMapping("/api/customers/{id}/erasure")
class PrivacyController {

    record ErasureRequest(String reason) {
    }

    private final CustomerRepository customers;
    private final CustomerRecords records;
    private final PrivacyService privacy;
    private final CampusScope scope;

    PrivacyController(CustomerRepository customers, CustomerRecords records, PrivacyService privacy,
            CampusScope scope) {
        this.scope = scope;
        this.customers = customers;
        this.records = records;
        this.privacy = privacy;
    }

    @Operation(summary = "删除客户个人信息（客户的删除请求，个人信息保护法）",
            description = "Anonymises the customer in every table and removes the engine history of the customer's "
                    + "processes; open leads are closed and their processes cancelled. 201 with the audit record; "
                    + "a repeated request answers 200 with the same record. 409 while a contract is still being "
                    + "performed (lessons ahead, money owed). Customer service and admins only.")
    @PostMapping
    ResponseEntity<Erasure> request(@PathVariable("id") long id, @RequestBody(required = false) ErasureRequest body,
            Principal principal) {
        Customer customer = customer(id);
        List<String> elsewhere = customers.openOutside(customer.id(), scope.current());
        if (!elsewhere.isEmpty()) {
            // the campus that follows the open lead decides: an erasure would close it as lost
            throw new ConflictException(409, "客户在您不负责的校区（" + String.join("、", elsewhere)
                    + "）有进行中的商机，请由该校区的客服或总部办理删除");
        }
        PrivacyService.Outcome outcome = privacy.requestErasure(customer.id(), body == null ? null : body.reason(),
                principal.getName());
        if (outcome.erasedNow()) {
            return ResponseEntity.created(URI.create("/api/customers/" + id + "/erasure")).body(outcome.erasure());
        }
        return ResponseEntity.ok(outcome.erasure());
    }

    @Operation(summary = "客户个人信息删除记录（何时、因何、由谁、删除了多少条）")
    @GetMapping
    Erasure get(@PathVariable("id") long id) {
        Customer customer = customer(id);
        return privacy.find(customer.id())
                .orElseThrow(() -> new NotFoundException("客户 " + id + " 的个人信息未被删除，没有删除记录"));
    }

    /** A customer of the caller's campuses (校区数据范围); any other answers as if it did not exist. */
    private Customer customer(long id) {
        return customers.findById(id).filter(c -> records.visible(c.id()))
                .orElseThrow(() -> new NotFoundException("您负责的校区没有客户 " + id));
    }
}
