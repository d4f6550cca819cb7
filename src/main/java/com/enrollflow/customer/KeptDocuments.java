package com.enrollflow.customer;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.reference.StaffRole;

/**
 * The documents kept as issued after their customer's personal data was erased (the archived contract PDF, the refund
 * agreement: they carry the family's name and phone) are kept for storage only (个人信息保护法第四十七条): finance
 * opens them for the accounts, an administrator for an audit; every other role that reads contracts is refused.
 */
@Component
public class KeptDocuments {

    /** Who may still open a kept document of an erased customer. */
    private static final Set<String> KEEPERS = Set.of(StaffRole.FINANCE.groupId(), StaffRole.FINANCE_MANAGER.groupId(),
            StaffRole.ADMIN_GROUP);

    private final Erasures erasures;

    KeptDocuments(Erasures erasures) {
        this.erasures = erasures;
    }

    /** Refuses (403, naming the document) a caller who is no keeper when the document's customer was erased. */
    public void requireReadable(long customerId, Authentication caller, String document) {
        boolean keeper = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(KEEPERS::contains);
        if (!keeper && erasures.erased(customerId)) {
            throw new ConflictException(403, document + "仅作法定保存：该客户的个人信息已按规定删除（个人信息保护法第四十七条），"
                    + "只有财务可以调阅");
        }
    }
}
