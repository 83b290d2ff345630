package org.agenticdeals.hostile;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;

/** The library's public surface as a host reaches it: the facades {@code Deals} hands out and their public methods. */
final class PublicApi {

    private PublicApi() {
    }

    /** Each facade's accessor on {@code Deals} ({@code users()} …), by facade type. */
    static Map<Class<?>, Method> facades() {
        return Arrays.stream(Deals.class.getMethods())
                .filter(method -> method.getDeclaringClass() == Deals.class && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getParameterCount() == 0 && method.getReturnType().getPackageName().startsWith("org.agenticdeals."))
                .filter(method -> method.getReturnType() != DealsConfig.class)
                .sorted(Comparator.comparing(Method::getName))
                .collect(Collectors.toMap(Method::getReturnType, method -> method, (first, second) -> first, LinkedHashMap::new));
    }

    /** Every public instance method a facade declares, by signature ({@code Facade.method(ParameterType,...)}). */
    static Map<String, Method> methods() {
        var methods = new LinkedHashMap<String, Method>();
        for (Class<?> facade : facades().keySet()) {
            Arrays.stream(facade.getDeclaredMethods())
                    .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()) && !method.isSynthetic())
                    .sorted(Comparator.comparing(PublicApi::signature))
                    .forEach(method -> methods.put(signature(method), method));
        }
        return methods;
    }

    static String signature(Method method) {
        List<String> parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList();
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + String.join(",", parameters) + ")";
    }
}
