package com.enrollflow.identity;

import com.enrollflow.reference.StaffRole;

/** Which groups may call which part of /api (authorities are Camunda group ids). */
final class ApiRoles {

    /** 总部 (head office) reads what the campus managers read, for every campus (校区数据范围). */
    private static final String HQ = StaffRole.HEAD_OFFICE_GROUP;

    static final String[] RECEIVE_LEADS = {"callCenter", "consultant", "frontDesk", "marketing", "salesSupervisor",
            StaffRole.ADMIN_GROUP};
    static final String[] IMPORT_LEADS = {"marketing", "callCenter", "salesSupervisor", StaffRole.ADMIN_GROUP};
    static final String[] READ_CUSTOMERS = {"callCenter", "consultant", "frontDesk", "salesSupervisor",
            "campusDirector", "customerService", HQ, StaffRole.ADMIN_GROUP};
    /**
     * 更正学生生日: who talks to the family and hears the right date (the call centre, consultants, the desk, customer
     * service); not the managers who read customer records, nor head office.
     */
    static final String[] CORRECT_CUSTOMERS = {"callCenter", "consultant", "frontDesk", "customerService",
            StaffRole.ADMIN_GROUP};
    /** A customer's deletion request (删除请求, PIPL): customer service takes it, admins may act too. */
    static final String[] ERASE_CUSTOMERS = {"customerService", StaffRole.ADMIN_GROUP};
    static final String[] READ_REPORTS = {"salesSupervisor", "campusDirector", "marketing", HQ, StaffRole.ADMIN_GROUP};
    /**
     * 服务水平报表 (complaint response and resolution, overdue tasks): who handles complaints (customer service,
     * academic affairs), who they escalate to (sales supervisors, campus directors) and head office; not marketing,
     * teachers or consultants.
     */
    static final String[] READ_SERVICE_LEVELS = {"customerService", "academicAffairs", "salesSupervisor",
            "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /**
     * A complaint's record (the family's words, who filed it, the resolution, the satisfaction): who handles
     * complaints and who they escalate to, as the engine lets only them see the complaint process; not the teachers,
     * consultants, marketing or the call centre, who file complaints but do not manage them (one may be about them).
     */
    static final String[] READ_COMPLAINTS = {"customerService", "academicAffairs", "salesSupervisor",
            "campusDirector", "frontDesk", "finance", "financeManager", "headOfficeDirector", HQ,
            StaffRole.ADMIN_GROUP};
    /**
     * 业绩报表 (sales credit per person and team): who manages the salespeople (sales supervisors, campus directors) and
     * head office; not marketing, nor the consultants whose pay it is the basis of (decision 322).
     */
    static final String[] READ_CREDIT = {"salesSupervisor", "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /**
     * The families behind the funnel's figures (穿透: the opportunities listed with the family's name, one opportunity's
     * timeline): who manages the people working them; marketing reads the counts only.
     */
    static final String[] READ_FUNNEL_OPPORTUNITIES = {"salesSupervisor", "campusDirector", HQ,
            StaffRole.ADMIN_GROUP};
    /** 监管余额 (prepaid fees in custody): finance and who answers for a campus's money; not sales or marketing. */
    static final String[] READ_CUSTODIAL_BALANCE = {"finance", "campusDirector", "financeManager", HQ,
            StaffRole.ADMIN_GROUP};

    /** Teams, members, hand-over and recycle exemptions: sales supervisors and admins only. */
    static final String[] MANAGE_TEAMS = {"salesSupervisor", StaffRole.ADMIN_GROUP};
    static final String[] READ_TEAMS = {"consultant", "callCenter", "salesSupervisor", "campusDirector",
            HQ, StaffRole.ADMIN_GROUP};

    /** Price list (价目表): sales, front desk and finance. */
    static final String[] READ_PRICES = {"consultant", "frontDesk", "salesSupervisor", "campusDirector", "finance",
            HQ, StaffRole.ADMIN_GROUP};
    /** Pricing a plan (试算报价): who sells and who approves discounts. */
    static final String[] MAKE_QUOTES = {"consultant", "salesSupervisor", "campusDirector", StaffRole.ADMIN_GROUP};
    static final String[] READ_QUOTES = {"consultant", "salesSupervisor", "campusDirector", "frontDesk", "finance",
            HQ, StaffRole.ADMIN_GROUP};
    /**
     * Contracts and their PDFs: who sells, collects or signs off, and who takes the after-sales requests on them
     * (customer service, academic affairs: 退费, 转课, 停课 … read the ledger first); not teachers, call centre or
     * marketing.
     */
    static final String[] READ_CONTRACTS = {"consultant", "frontDesk", "finance", "salesSupervisor", "campusDirector",
            "customerService", "academicAffairs", HQ, StaffRole.ADMIN_GROUP};
    /** 退费试算: customer service and the front desk take refund requests; supervisors, directors and finance decide. */
    static final String[] PREVIEW_REFUNDS = {"customerService", "frontDesk", "finance", "salesSupervisor",
            "campusDirector", "financeManager", "headOfficeDirector", HQ, StaffRole.ADMIN_GROUP};
    /** 申请退费: customer service or the front desk of the contract's campus (Refunds checks the campus). */
    static final String[] REQUEST_REFUNDS = {"customerService", "frontDesk"};
    /** 停课/休学: academic affairs (who reschedule), customer service and the front desk (who hear the family). */
    static final String[] SUSPEND = {"academicAffairs", "customerService", "frontDesk"};
    static final String[] READ_SUSPENSIONS = {"academicAffairs", "customerService", "frontDesk", "teacher",
            "salesSupervisor", "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /** 转课: academic affairs (who reschedule), customer service and the front desk, as for a suspension. */
    static final String[] TRANSFER = SUSPEND;
    static final String[] READ_TRANSFERS = {"academicAffairs", "customerService", "frontDesk", "finance",
            "salesSupervisor", "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /** 续费: the family's consultant, customer service (who renew when the consultant has left) and the front desk. */
    static final String[] RENEW = {"consultant", "customerService", "frontDesk"};
    static final String[] READ_RENEWALS = {"consultant", "customerService", "frontDesk", "academicAffairs",
            "salesSupervisor", "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /** 更换教师: the roles of a transfer (academic affairs reschedule; customer service and the desk hear the family). */
    static final String[] CHANGE_TEACHER = SUSPEND;
    static final String[] READ_TEACHER_CHANGES = READ_TRANSFERS;
    /** 市场活动: marketing keeps the campaigns (head office's marketing every campus's); the report readers see them. */
    static final String[] MANAGE_CAMPAIGNS = {"marketing", HQ, StaffRole.ADMIN_GROUP};
    /** 销售计划: campus directors set their campus's targets; head office every campus's. */
    static final String[] SET_TARGETS = {"campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /** A refund with its computation, approvals and payouts: who takes, approves or pays it. */
    static final String[] READ_REFUNDS = PREVIEW_REFUNDS;
    /** 申请开具发票: the front desk and customer service, who hear the family (Invoices checks the campus). */
    static final String[] REQUEST_INVOICES = {"customerService", "frontDesk"};
    /** 红冲: finance of the campus, who issued it. */
    static final String[] REVERSE_INVOICES = {"finance", "financeManager"};
    static final String[] READ_INVOICES = {"customerService", "frontDesk", "finance", "financeManager",
            "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    /** 1:1 scheduling: moving lessons and confirming schedules is academic affairs' (教务) work. */
    static final String[] SCHEDULE = {"academicAffairs", StaffRole.ADMIN_GROUP};
    /** Attendance (出勤): the lesson's own teacher, or academic affairs of its campus; checked per lesson. */
    static final String[] MARK_ATTENDANCE = {"teacher", "academicAffairs"};
    /** 调整课时单价, 登记优惠活动, 调整课时包: head office sets every campus's prices (decisions 565, 568, 569). */
    static final String[] SET_PRICES = {HQ, StaffRole.ADMIN_GROUP};
    /** 开设班课, 停止招生: academic affairs and the campus director keep their campuses' classes, head office any campus's. */
    static final String[] OPEN_CLASSES = {"academicAffairs", "campusDirector", HQ, StaffRole.ADMIN_GROUP};
    static final String[] READ_SCHEDULES = {"academicAffairs", "consultant", "frontDesk", "teacher",
            "salesSupervisor", "campusDirector", HQ, StaffRole.ADMIN_GROUP};

    /** Payment orders and desk payments: front desk and finance take money; sales may look. */
    static final String[] READ_PAYMENTS = {"frontDesk", "finance", "consultant", "salesSupervisor", "campusDirector",
            HQ, StaffRole.ADMIN_GROUP};
    static final String[] TAKE_PAYMENTS = {"frontDesk", "finance", StaffRole.ADMIN_GROUP};
    static final String[] CONFIRM_PAYMENTS = {"finance", StaffRole.ADMIN_GROUP};

    private ApiRoles() {
    }
}
