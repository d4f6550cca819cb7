package com.enrollflow.opportunity;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;
import com.enrollflow.reference.ProductLine;

/** Which product lines the family is interested in (感兴趣的产品线); both splits the lead into two opportunities. */
@CodeName("意向产品线")
public enum ProductInterest implements Coded {
    ONE_ON_ONE(ProductLine.ONE_ON_ONE),
    CLASS(ProductLine.CLASS),
    BOTH("一对一和班课", "都感兴趣", "一对一和班课都感兴趣", "一对一和班课都感兴趣（将拆分为两个商机）");

    private final String label;
    private final List<String> aliases;

    ProductInterest(ProductLine line) {
        this(line.label(), line.aliases().toArray(String[]::new));
    }

    ProductInterest(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
