package org.knudsen.scenario;

import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;

/**
 * A collision kernel B = C |g|^γ b(cos θ) as written: {@code strength} C, {@code gamma} γ, {@code angular} b (the
 * physics law itself, which keeps its parameters as given; {@link TomlText#angular} writes it back).
 */
public record KernelSpec(double gamma, double strength, AngularLaw angular) {
    public CollisionKernel kernel() {
        return new CollisionKernel(strength, gamma, angular);
    }
}
