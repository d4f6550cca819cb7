package com.enrollflow.common;

import java.util.List;
import java.util.Optional;

/**
 * A business code with the Chinese label staff read. The API answers codes; wherever it or an import takes one,
 * it also takes the label and the common variants staff write ({@link #aliases()}), whatever the case, width
 * (全角/半角) and surrounding spaces (see {@link LabelIndex}).
 */
public interface Coded {

    String name();

    String label();

    /** Other words staff use for this value (short forms, old names); the code and the label are always accepted. */
    default List<String> aliases() {
        return List.of();
    }

    /** The value named by its code, its label or an alias; empty when nothing matches (or the text is blank). */
    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String codeOrLabel) {
        return LabelIndex.of(type).find(codeOrLabel);
    }

    /** The choices as staff know them, in order: "学前、小学一年级、…、高三". */
    static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
        return LabelIndex.of(type).choices();
    }

    /** What staff call this kind of code (年级, 渠道 …), from {@link CodeName}. */
    static String noun(Class<?> type) {
        CodeName name = type.getAnnotation(CodeName.class);
        return name == null ? "代码" : name.value();
    }

    /** "未知的年级“初九”，可选：学前、小学一年级、…、高三" */
    static <E extends Enum<E> & Coded> String unknown(Class<E> type, String value) {
        return "未知的" + noun(type) + "“" + LabelIndex.shorten(value) + "”，可选：" + allowed(type);
    }
}
