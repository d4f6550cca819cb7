package com.enrollflow.customer;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final CustomerRecords records;
    private final PhoneNumbers phones;
    private final BirthDateCorrections birthDates;

    CustomerController(CustomerRecords records, PhoneNumbers phones, BirthDateCorrections birthDates) {
        this.records = records;
        this.phones = phones;
        this.birthDates = birthDates;
    }

    @Operation(summary = "更正学生生日（呼叫中心、课程顾问、前台、客服，本校区客户）：studentBirthDate 格式 2012-05-20，不晚于今天，"
            + "学生年龄 2–30 岁；原来的日期、更正人和时间记入客户动态；生日问候按新日期发送")
    @PutMapping("/{id}/student-birth-date")
    CustomerRecords.CustomerRecord correctBirthDate(@PathVariable("id") long id,
            @RequestBody BirthDateCorrections.Correction correction, Authentication user) {
        return birthDates.correct(id, correction, user.getName());
    }

    @Operation(summary = "按电话查找客户（任意写法：+86、空格、横线）")
    @GetMapping
    CustomerRecords.CustomerRecord findByPhone(@RequestParam("phone") String phone) {
        String e164 = phones.normalise(phone)
                .orElseThrow(() -> new InvalidInputException("phone", "不是有效的电话号码"));
        return records.byPhone(e164).orElseThrow(() -> new NotFoundException("您负责的校区没有电话为 " + phone + " 的客户"));
    }

    @Operation(summary = "客户档案：联系方式、每次咨询、每个商机（阶段、负责人、漏斗时间）与动态")
    @GetMapping("/{id}")
    CustomerRecords.CustomerRecord get(@PathVariable("id") long id) {
        return records.byId(id).orElseThrow(() -> new NotFoundException("您负责的校区没有客户 " + id));
    }
}
