package org.knudsen.physics;

import java.util.regex.Pattern;

/** One gas species: a name used in scenarios and outputs, and its molecular mass (temperature units θ = 1). */
public record Species(String name, double mass) {
    /**
     * What a species name may be. Names become parts of CSV column names, VTK field names and file names, so they
     * are short tokens without spaces, commas, quotes or control characters.
     */
    public static final String NAME_RULE = "a species name is 1 to 64 characters: ASCII letters, digits and _ . + -, "
            + "starting with a letter or digit (it becomes part of column, field and file names)";
    /** The rule of a mass (temperature units θ = 1: any positive scale). */
    public static final String MASS_RULE = "must be finite and > 0";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");

    public Species {
        requireName(name);
        requireMass(mass);
    }

    /** The name itself, or a {@link ParameterException} for "name" ({@link #NAME_RULE}). */
    public static String requireName(String name) {
        if (!isValidName(name)) {
            throw new ParameterException("name", NAME_RULE);
        }
        return name;
    }

    /** The mass itself, or a {@link ParameterException} for "mass". */
    public static double requireMass(double mass) {
        if (!(mass > 0) || !Double.isFinite(mass)) {
            throw new ParameterException("mass", MASS_RULE);
        }
        return mass;
    }

    /** Whether {@code name} follows {@link #NAME_RULE}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
