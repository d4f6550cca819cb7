package com.enrollflow.customer;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises phone numbers with libphonenumber: "138 0013 8000", "+86-138-0013-8000" and
 * "008613800138000" are one customer, stored as E.164 (+8613800138000).
 */
@Component
public class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(@Value("${enrollflow.phone.default-region:CN}") String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The E.164 form of a valid number, or empty when the text is not a valid phone number. */
    public Optional<String> normalise(String raw) {
        return parse(raw).map(n -> util.format(n, PhoneNumberFormat.E164));
    }

    /**
     * How staff read a stored number: national format for home numbers, international otherwise. A stored value
     * that is not E.164 (the placeholder of an erased customer, see privacy) is shown as it is, never parsed.
     */
    public String display(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            return e164;
        }
        return parse(e164).map(n -> util.getRegionCodeForNumber(n) != null
                && util.getRegionCodeForNumber(n).equals(defaultRegion)
                        ? util.format(n, PhoneNumberFormat.NATIONAL)
                        : util.format(n, PhoneNumberFormat.INTERNATIONAL))
                .orElse(e164);
    }

    private Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = util.parse(raw.strip(), defaultRegion);
            return util.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
