package org.knudsen.simd;

/** The across-groups half of a vector moment kernel ({@link VectorGroupMoments}), built per width. */
interface GroupMomentKernel {
    /**
     * {@link MomentAccumulator#storeGroups}, with the groups larger than {@link MomentAccumulator#EXACT_GROUP_SIZE}
     * handed to {@code largeGroups}' range kernel.
     */
    void storeGroups(double[] vx, double[] vy, double[] vz, int[] groupStart, int firstGroup, int endGroup,
                     double[] sqrtMass, double[] sums, MomentAccumulator largeGroups);
}
