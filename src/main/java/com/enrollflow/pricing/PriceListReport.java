package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.TableWorkbook;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Scope;

/**
 * 价目表 as the managers' board shows it (decision 566): the price list of each campus the reader sees, as it stands on
 * a day — the 1:1 rates head office set (调整课时单价), the hour packages and promotions, and the classes for sale with
 * what a family joining now pays (开设班课) — in Chinese, and as an Excel file with the same lines.
 */
@Service
public class PriceListReport {

    public static final String FILE_NAME = "价目表.xlsx";

    public record Rate(String campusName, String teacherLevelLabel, String gradeLabel, String subjectLabel,
            BigDecimal price, LocalDate validFrom, LocalDate validTo) {
    }

    public record PackageLine(String campusName, String name, int minLessons, BigDecimal discountPercent) {
    }

    public record Offer(String campusName, String name, String productLineLabel, String offShown, LocalDate validFrom,
            LocalDate validTo) {
    }

    /** A class for sale: {@code lessons} still to be held and what they cost (the whole class before it begins). */
    public record ClassForSale(String campusName, String code, String name, String gradeLabel, String subjectLabel,
            int lessons, BigDecimal price, LocalDate startsOn, String schedule) {
    }

    public record Report(LocalDate on, List<Rate> rates, List<PackageLine> packages, List<Offer> promotions,
            List<ClassForSale> classes) {
    }

    private final PricingService pricing;
    private final Campuses campuses;

    PriceListReport(PricingService pricing, Campuses campuses) {
        this.pricing = pricing;
        this.campuses = campuses;
    }

    /** The price lists of {@code campus}, or of every campus {@code visible} sees, valid on {@code on}. */
    @Transactional(readOnly = true)
    public Report report(Scope visible, String campus, LocalDate on) {
        Map<String, String> names = new TreeMap<>(campuses.activeNames());
        List<Rate> rates = new ArrayList<>();
        List<PackageLine> packages = new ArrayList<>();
        List<Offer> promotions = new ArrayList<>();
        List<ClassForSale> classes = new ArrayList<>();
        names.forEach((code, name) -> {
            if (campus != null ? !campus.equals(code) : !visible.seesCampus(code)) {
                return;
            }
            for (PriceListEntry e : pricing.priceList(code, on)) {
                switch (e.kind()) {
                    case RATE -> rates.add(new Rate(name, e.teacherLevel().label(),
                            e.grade() == null ? "所有年级" : e.grade().label(),
                            e.subject() == null ? "所有科目" : e.subject().label(), e.price(), e.validFrom(),
                            e.validTo()));
                    case PACKAGE -> packages.add(new PackageLine(name, e.name(), e.lessons(), e.percentOff()));
                    case PROMOTION -> promotions.add(new Offer(name, e.name(),
                            e.productLine() == null ? "所有产品线" : e.productLine().label(),
                            PriceListEntry.discountShown(e.percentOff(), e.amountOff()), e.validFrom(), e.validTo()));
                    case CLASS -> classes.add(new ClassForSale(name, e.code(), e.name(), e.grade().label(),
                            e.subject().label(), e.lessons(), e.price(), e.startsOn(), e.schedule()));
                }
            }
        });
        return new Report(on, rates, packages, promotions, classes);
    }

    /** The four tables, one sheet each, as the board shows them. */
    public static byte[] xlsx(Report r) {
        List<List<Object>> rates = new ArrayList<>();
        r.rates().forEach(x -> rates.add(Arrays.asList(x.campusName(), x.teacherLevelLabel(), x.gradeLabel(),
                x.subjectLabel(), x.price(), x.validFrom().toString(),
                x.validTo() == null ? "长期" : x.validTo().toString())));
        List<List<Object>> packages = new ArrayList<>();
        r.packages().forEach(x -> packages.add(Arrays.asList(x.campusName(), x.name(), x.minLessons(),
                x.discountPercent())));
        List<List<Object>> promotions = new ArrayList<>();
        r.promotions().forEach(x -> promotions.add(Arrays.asList(x.campusName(), x.name(), x.productLineLabel(),
                x.offShown(), x.validFrom().toString(), x.validTo().toString())));
        List<List<Object>> classes = new ArrayList<>();
        r.classes().forEach(x -> classes.add(Arrays.asList(x.campusName(), x.code(), x.name(), x.gradeLabel(),
                x.subjectLabel(), x.lessons(), x.price(), x.startsOn().toString(), x.schedule())));
        return TableWorkbook.xlsx(List.of(
                new TableWorkbook.Table("一对一课时单价", List.of("校区", "教师级别", "年级", "科目", "每课时（元）", "生效日期",
                        "截止日期"), rates),
                new TableWorkbook.Table("课时包", List.of("校区", "名称", "起购课时", "折扣（%）"), packages),
                new TableWorkbook.Table("优惠活动", List.of("校区", "名称", "产品线", "优惠", "开始日期", "结束日期"),
                        promotions),
                new TableWorkbook.Table("班课", List.of("校区", "班级编号", "班级名称", "年级", "科目", "剩余课次",
                        "价格（元）", "开课日期", "上课时间"), classes)));
    }
}
