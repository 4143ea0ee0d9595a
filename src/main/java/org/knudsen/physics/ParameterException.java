package org.knudsen.physics;

/**
 * A physical parameter that breaks its rule, raised by the constructor of the type that owns the rule (Species,
 * Mixture, CollisionKernel, an angular law, a Fourier mode, the Knudsen number): the rule is written once, there,
 * and a reader of scenario files reports it at the key that set {@link #parameter()}, with its line:column.
 */
public class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String rule;

    /**
     * @param parameter the name of the parameter as a scenario spells its key (e.g. "mass", "gamma", "epsilon")
     * @param rule      what the value must satisfy, e.g. "must be finite and > 0"
     */
    public ParameterException(String parameter, String rule) {
        super(parameter + ": " + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    /**
     * A rule of one parameter of a composite (e.g. an angular law), or of the composite as a whole.
     *
     * @param owner     what the parameter belongs to, for the message (e.g. "vss angular law")
     * @param parameter the parameter's name, or null when the rule is on the whole composite
     * @param value     the value as text, for the message (ignored without a parameter)
     */
    public ParameterException(String owner, String parameter, String value, String rule) {
        super(owner + ": " + (parameter == null ? "" : parameter + " = " + value + ": ") + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    /** The parameter's name, or null when the rule is on a composite as a whole. */
    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }
}
