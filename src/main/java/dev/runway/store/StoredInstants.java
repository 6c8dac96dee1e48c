package dev.runway.store;

import java.time.Instant;

/**
 * Reads back the instants the store writes ({@link Instant#toString()}: {@code
 * 2026-11-22T07:46:33.537693870Z}). {@link Instant#parse} goes through the general date-time
 * formatter, which in a freshly started JVM cost about 10 µs a value: {@code runway status} of a
 * 1,000-step run reads 2,000 of them. Anything not in exactly that shape goes to
 * {@link Instant#parse}, so the result is always the same.
 */
final class StoredInstants {

    private StoredInstants() {}

    static Instant parse(String text) {
        Instant fast = canonical(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant in {@code text} if it has the canonical UTC shape with a valid date and time, else null. */
    private static Instant canonical(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) return null;
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) return null;
            for (int i = fraction; i < 9; i++) nanos *= 10;
        } else if (n != 20) {
            return null;
        }
        if (day > daysIn(year, month)) return null;
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int daysIn(int year, int month) {
        if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date with a year from 0 to 9999, counted in
     * 400-year eras of years that start in March, so that the leap day falls at the end of one.
     * {@link java.time.LocalDate} computes the same, but two of them per value were half of reading a
     * thousand step rows in a fresh JVM.
     */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
