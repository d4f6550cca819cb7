package com.enrollflow.reference;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Product line (产品线): decides the sales department an opportunity goes to. */
@CodeName("产品线")
public enum ProductLine implements Coded {
    ONE_ON_ONE("一对一", "1对1", "1v1", "1:1", "一对一辅导", "一对一课程", "个性化辅导"),
    CLASS("班课", "班级课", "小班", "小班课", "班组课");

    private final String label;
    private final List<String> aliases;

    ProductLine(String label, String... aliases) {
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
