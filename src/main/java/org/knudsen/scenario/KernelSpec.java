package org.knudsen.scenario;

import org.knudsen.physics.CollisionKernel;

/** A collision kernel B = C |g|^γ b(cos θ) as written: {@code strength} C, {@code gamma} γ, {@code angular} b. */
public record KernelSpec(double gamma, double strength, AngularSpec angular) {
    public CollisionKernel kernel() {
        return new CollisionKernel(strength, gamma, angular.law());
    }
}
