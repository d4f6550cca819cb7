package com.enrollflow.reference;

/** Product line (产品线): decides the sales department an opportunity goes to. */
public enum ProductLine implements Coded {
    ONE_ON_ONE("一对一"),
    CLASS("班课");

    private final String label;

    ProductLine(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
