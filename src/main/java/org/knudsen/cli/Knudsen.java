package org.knudsen.cli;
public final class Knudsen { public static void main(String[] a) { System.out.println("knudsen"); } }
