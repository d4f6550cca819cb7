package com.enrollflow.common;

import java.text.Normalizer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every word that names a value of one code type (code, label, aliases), built once per type. Words are compared by
 * {@link #key(String)}: full-width letters, digits and punctuation as half-width, case and all white space ignored,
 * so "j2", "Ｊ２", " 初二 " and "初中 二年级" are all J2. Two values sharing a word is a programming error and fails
 * the first use of the type (and CodedLabelsTests).
 */
public final class LabelIndex<E extends Enum<E> & Coded> {

    private static final ClassValue<LabelIndex<?>> INDEXES = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected LabelIndex<?> computeValue(Class<?> type) {
            return new LabelIndex(type);
        }
    };

    private final Class<E> type;
    private final Map<String, E> byKey;

    private LabelIndex(Class<E> type) {
        this.type = type;
        Map<String, E> keys = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            for (String word : words(value)) {
                String key = key(word);
                E other = keys.putIfAbsent(key, value);
                if (other != null && other != value) {
                    throw new IllegalStateException(type.getSimpleName() + ": “" + word + "” names both " + other.name()
                            + " and " + value.name());
                }
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
    }

    @SuppressWarnings("unchecked")
    public static <E extends Enum<E> & Coded> LabelIndex<E> of(Class<E> type) {
        return (LabelIndex<E>) INDEXES.get(type);
    }

    /** The code, the label and the aliases of one value: every word that names it. */
    public static List<String> words(Coded value) {
        List<String> words = new java.util.ArrayList<>();
        words.add(value.name());
        words.add(value.label());
        words.addAll(value.aliases());
        return words;
    }

    public Optional<E> find(String codeOrLabel) {
        if (codeOrLabel == null || codeOrLabel.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(codeOrLabel)));
    }

    /** The values' labels in their order, joined by 、 as Chinese lists are. */
    public String choices() {
        return choices(EnumSet.allOf(type));
    }

    public String choices(Set<E> values) {
        return values.stream().map(Coded::label).collect(Collectors.joining("、"));
    }

    /**
     * The form a word is compared in: Unicode NFKC (full-width "Ｊ２" and "１对１" become "J2" and "1对1",
     * "：" becomes ":"), upper case, no white space at all (also the ideographic space U+3000).
     */
    public static String key(String word) {
        String folded = Normalizer.normalize(word, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF')
                .forEach(key::appendCodePoint);
        return key.toString().toUpperCase(Locale.ROOT);
    }

    /** A value as quoted back in a message: at most 40 characters. */
    public static String shorten(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
