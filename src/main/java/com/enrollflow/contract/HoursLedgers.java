package com.enrollflow.contract;

import java.util.List;

/** The hours ledger of a contract, kept by the teaching feature (teaching.HoursLedger), shown with the contract. */
public interface HoursLedgers {

    List<HoursLine> lines(long contractId);
}
