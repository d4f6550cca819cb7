package com.enrollflow.contract;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.enrollflow.common.ConflictException;

/**
 * What runs on a contract, asked of the features that run it ({@link ContractWork}): a refund request, a suspension,
 * a transfer or a teacher change each makes the others wait, and each action names the kinds it waits for.
 */
@Service
public class ContractWorks {

    private final Map<ContractWork.Kind, ContractWork> works = new EnumMap<>(ContractWork.Kind.class);

    ContractWorks(List<ContractWork> all) {
        all.forEach(w -> works.put(w.kind(), w));
        for (ContractWork.Kind kind : ContractWork.Kind.values()) {
            if (!works.containsKey(kind)) {
                throw new IllegalStateException("no ContractWork for " + kind);
            }
        }
    }

    /**
     * Why {@code action} (停课, 转课 …) cannot start on the contract now, as staff read it
     * ({@code 合同 BJ-HD-2026-00012 正在转课（ZK000012），转课完成后才能停课}): the first of {@code kinds} running on it;
     * empty when none runs.
     */
    public Optional<String> blocking(Contract contract, String action, ContractWork.Kind... kinds) {
        for (ContractWork.Kind kind : kinds) {
            Optional<String> running = works.get(kind).runningOn(contract.id());
            if (running.isPresent()) {
                return Optional.of("合同 " + contract.number() + " " + running.get() + action);
            }
        }
        return Optional.empty();
    }

    /** Refuses (409) {@code action} while one of {@code kinds} runs on the contract, naming it. */
    public void refuseWhileRunning(Contract contract, String action, ContractWork.Kind... kinds) {
        blocking(contract, action, kinds).ifPresent(why -> {
            throw new ConflictException(409, why);
        });
    }
}
