package com.enrollflow.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** How a sale's amount is shared among the people who worked it (in the order they first worked it). */
@CodeName("业绩分配方式")
public enum CreditPolicy implements Coded {
    FIRST_TOUCH("首单", "首单归属"),
    LAST_TOUCH("尾单", "尾单归属"),
    EVEN_SPLIT("均单", "平分", "均分");

    private final String label;
    private final List<String> aliases;

    CreditPolicy(String label, String... aliases) {
        this.aliases = List.of(aliases);
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /**
     * Shares to the cent that add up exactly to the amount; in an even split the last person (who closed the
     * sale) takes the rounding remainder.
     */
    public Map<String, BigDecimal> split(BigDecimal amount, List<String> workedBy) {
        if (workedBy.isEmpty()) {
            throw new IllegalArgumentException("nobody worked this sale");
        }
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        switch (this) {
            case FIRST_TOUCH -> shares.put(workedBy.get(0), amount);
            case LAST_TOUCH -> shares.put(workedBy.get(workedBy.size() - 1), amount);
            case EVEN_SPLIT -> {
                BigDecimal each = amount.divide(BigDecimal.valueOf(workedBy.size()), 2, RoundingMode.DOWN);
                for (String user : workedBy) {
                    shares.put(user, each);
                }
                String last = workedBy.get(workedBy.size() - 1);
                shares.put(last, amount.subtract(each.multiply(BigDecimal.valueOf(workedBy.size() - 1))));
            }
        }
        return shares;
    }
}
